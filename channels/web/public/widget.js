/*
 * Salesgraph web chat widget. Embed with one tag:
 *   <script src="https://sales.example.com/widget.js" data-title="Chat with Helix" async></script>
 * Optional attributes: data-subtitle, data-greeting, data-color (brand colour), data-api (API origin,
 * default: where this script came from), data-suggestions ("a|b|c").
 * No framework, no globals besides a guard; styles live in a Shadow DOM so the host page and the widget
 * cannot restyle each other.
 */
(function () {
  "use strict";
  if (window.__salesgraphWidget) return;
  window.__salesgraphWidget = true;

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var origin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var cfg = {
    title: data.title || "Chat with us",
    subtitle: data.subtitle || "Typically replies in a few seconds",
    greeting: data.greeting || "Hi! I can answer questions about our product and pricing, or set up a demo for you.",
    color: /^#[0-9a-f]{3,8}$|^rgb/i.test(data.color || "") ? data.color : "#4f46e5",
    api: (data.api || origin).replace(/\/$/, ""),
    suggestions: (data.suggestions || "What does it cost?|How does it compare?|Book a demo").split("|").filter(Boolean),
  };
  /** The visitor's zone, so demo times are offered in it without asking. */
  function clientZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
    } catch (e) {
      return undefined;
    }
  }
  var STORE_KEY = "salesgraph:conversation:" + cfg.api;
  var OPEN_KEY = "salesgraph:open:" + cfg.api;

  var CSS = [
    ":host{all:initial;--brand:" + cfg.color + ";--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--soft:#f1f5f9;",
    "font-family:ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;",
    "font-size:15px;line-height:1.45;color:var(--ink);-webkit-font-smoothing:antialiased}",
    "*{box-sizing:border-box}",
    "[hidden]{display:none!important}",
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}",
    "button{font:inherit;color:inherit;cursor:pointer}",
    ":focus-visible{outline:3px solid color-mix(in srgb,var(--brand) 45%,white);outline-offset:2px}",
    ".launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;display:flex;align-items:center;gap:10px;",
    "height:56px;padding:0 22px 0 18px;border:0;border-radius:28px;background:var(--brand);color:#fff;font-weight:600;",
    "box-shadow:0 10px 30px -8px color-mix(in srgb,var(--brand) 70%,black),0 2px 6px rgba(15,23,42,.18);transition:transform .15s ease}",
    ".launcher:hover{transform:translateY(-2px)}",
    ".launcher svg{width:24px;height:24px;display:block}",
    ".launcher .when-open,.launcher[aria-expanded=true] .when-closed{display:none}",
    ".launcher[aria-expanded=true] .when-open{display:block}",
    ".launcher[aria-expanded=true]{width:56px;padding:0;justify-content:center}",
    ".launcher[aria-expanded=true] .label{display:none}",
    ".panel{position:fixed;right:24px;bottom:96px;z-index:2147483000;width:380px;height:min(620px,calc(100vh - 120px));",
    "display:flex;flex-direction:column;background:#fff;border-radius:18px;overflow:hidden;",
    "box-shadow:0 24px 60px -12px rgba(15,23,42,.35),0 0 0 1px rgba(15,23,42,.06);animation:rise .18s ease-out}",
    "@keyframes rise{from{opacity:0;transform:translateY(12px) scale(.98)}to{opacity:1;transform:none}}",
    "header{display:flex;align-items:center;gap:12px;padding:16px 16px 16px 18px;color:#fff;",
    "background:linear-gradient(135deg,var(--brand),color-mix(in srgb,var(--brand) 70%,#0f172a))}",
    ".avatar{flex:none;width:40px;height:40px;border-radius:50%;display:grid;place-items:center;font-weight:700;",
    "background:rgba(255,255,255,.18);box-shadow:inset 0 0 0 1px rgba(255,255,255,.3)}",
    ".avatar svg{width:22px;height:22px}",
    "header .who{flex:1;min-width:0}",
    "h2{margin:0;font-size:16px;font-weight:650;letter-spacing:-.01em}",
    ".status{margin:2px 0 0;font-size:12.5px;opacity:.9;display:flex;align-items:center;gap:6px}",
    ".dot{width:8px;height:8px;border-radius:50%;background:#4ade80;box-shadow:0 0 0 2px rgba(74,222,128,.3)}",
    ".close{flex:none;width:36px;height:36px;border:0;border-radius:10px;background:transparent;color:#fff;display:grid;place-items:center}",
    ".close:hover{background:rgba(255,255,255,.15)}",
    ".close svg{width:20px;height:20px}",
    ".log{flex:1;overflow-y:auto;padding:18px 16px 8px;display:flex;flex-direction:column;gap:14px;background:#fbfcfe;scroll-behavior:smooth}",
    ".msg{display:flex;flex-direction:column;max-width:86%}",
    ".msg.user{align-self:flex-end;align-items:flex-end}",
    ".msg.assistant{align-self:flex-start;align-items:flex-start}",
    ".msg.agent{align-self:flex-start;align-items:flex-start}",
    ".agent .bubble{background:#fff;color:var(--ink);border:1px solid var(--line);border-left:3px solid var(--brand);border-bottom-left-radius:6px}",
    ".bubble{padding:10px 14px;border-radius:18px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".user .bubble{background:var(--brand);color:#fff;border-bottom-right-radius:6px}",
    ".assistant .bubble{background:#fff;color:var(--ink);border:1px solid var(--line);border-bottom-left-radius:6px;box-shadow:0 1px 2px rgba(15,23,42,.04)}",
    ".bubble p{margin:0}.bubble p+p,.bubble p+ul,.bubble ul+p{margin-top:8px}",
    ".bubble ul{margin:4px 0 0;padding-left:18px}",
    ".bubble a{color:inherit;text-decoration:underline;text-underline-offset:2px}",
    ".assistant .bubble a{color:var(--brand)}",
    ".meta{margin-top:4px;padding:0 6px;font-size:11.5px;color:var(--muted)}",
    ".streaming .text>p:last-child::after,.streaming .text>ul:last-child>li:last-child::after{content:'';display:inline-block;width:6px;height:1em;margin-left:2px;vertical-align:-2px;background:currentColor;opacity:.5;animation:blink 1s steps(2) infinite}",
    "@keyframes blink{50%{opacity:0}}",
    ".progress{align-self:flex-start;margin:-6px 0 0;padding:0 6px;font-size:12.5px;font-style:italic;color:var(--muted)}",
    ".typing{align-self:flex-start;display:flex;gap:4px;padding:14px 16px;border-radius:18px;border-bottom-left-radius:6px;background:#fff;border:1px solid var(--line)}",
    ".typing i{width:7px;height:7px;border-radius:50%;background:#94a3b8;animation:bounce 1.2s infinite ease-in-out}",
    ".typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}",
    "@keyframes bounce{0%,60%,100%{transform:translateY(0);opacity:.5}30%{transform:translateY(-4px);opacity:1}}",
    ".chips{display:flex;flex-wrap:wrap;gap:8px;padding:0 16px 10px;background:#fbfcfe}",
    ".chip{border:1px solid color-mix(in srgb,var(--brand) 35%,white);background:#fff;color:var(--brand);border-radius:999px;padding:6px 12px;font-size:13px;font-weight:550}",
    ".chip:hover{background:color-mix(in srgb,var(--brand) 8%,white)}",
    ".error{margin:0 16px 10px;padding:10px 12px;border-radius:12px;background:#fef2f2;color:#991b1b;font-size:13.5px;display:flex;gap:10px;align-items:center;justify-content:space-between}",
    ".error button{border:0;background:transparent;color:#991b1b;font-weight:650;text-decoration:underline}",
    "form{display:flex;align-items:flex-end;gap:8px;padding:12px;border-top:1px solid var(--line);background:#fff}",
    "textarea{flex:1;resize:none;max-height:120px;min-height:44px;padding:11px 14px;border:1px solid var(--line);border-radius:14px;",
    "font:inherit;color:var(--ink);background:var(--soft);outline:none;transition:border-color .15s,background .15s}",
    "textarea:focus-visible{outline:none}",
    "textarea:focus{border-color:var(--brand);background:#fff;box-shadow:0 0 0 3px color-mix(in srgb,var(--brand) 15%,transparent)}",
    ".send{flex:none;width:44px;height:44px;border:0;border-radius:12px;background:var(--brand);color:#fff;display:grid;place-items:center}",
    ".send:disabled{opacity:.45;cursor:default}",
    ".send svg{width:20px;height:20px}",
    ".footer{margin:0;padding:0 12px 10px;text-align:center;font-size:11px;color:#94a3b8;background:#fff}",
    "@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100dvh;border-radius:0}",
    ".launcher[aria-expanded=true]{display:none}}",
    "@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}",
  ].join("");

  var ICON_CHAT =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z"/></svg>';
  var ICON_DOWN =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg>';
  var ICON_CLOSE =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';
  var ICON_SEND =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M5 12h13M13 6l6 6-6 6"/></svg>';
  var ICON_SPARK =
    '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 2l1.9 5.6L19.5 9.5l-5.6 1.9L12 17l-1.9-5.6L4.5 9.5l5.6-1.9z"/><path d="M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z"/></svg>';

  var host = document.createElement("div");
  host.id = "salesgraph-chat";
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + CSS + "</style>" +
    '<button class="launcher" type="button" aria-expanded="false" aria-controls="panel"><span class="when-closed">' + ICON_CHAT +
    '</span><span class="when-open">' + ICON_DOWN + '</span><span class="label"></span></button>' +
    '<section class="panel" id="panel" role="dialog" aria-labelledby="title" hidden>' +
    '<header><div class="avatar">' + ICON_SPARK + '</div><div class="who"><h2 id="title"></h2>' +
    '<p class="status"><span class="dot" aria-hidden="true"></span><span class="subtitle"></span></p></div>' +
    '<button class="close" type="button" aria-label="Close chat">' + ICON_CLOSE + "</button></header>" +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions text" aria-label="Conversation" tabindex="0"></div>' +
    '<div class="chips" role="group" aria-label="Suggested questions"></div>' +
    '<div class="error" role="alert" hidden><span class="error-text"></span><button type="button" class="retry">Try again</button></div>' +
    '<form novalidate><label class="sr-only" for="input">Message</label>' +
    '<textarea id="input" rows="1" maxlength="4000" placeholder="Ask a question…" autocomplete="off"></textarea>' +
    '<button class="send" type="submit" aria-label="Send message" disabled>' + ICON_SEND + "</button></form>" +
    '<p class="footer">AI assistant · answers may be imperfect</p>' +
    "</section>";

  var $ = function (sel) { return root.querySelector(sel); };
  var launcher = $(".launcher"), panel = $(".panel"), closeBtn = $(".close"), log = $(".log"), chips = $(".chips");
  var form = $("form"), input = $("textarea"), send = $(".send"), errorBox = $(".error"), errorText = $(".error-text"), retry = $(".retry");
  $(".label").textContent = cfg.title;
  $("#title").textContent = cfg.title;
  $(".subtitle").textContent = cfg.subtitle;
  launcher.setAttribute("aria-label", cfg.title);

  var state = { conversationId: read(localStorage, STORE_KEY), busy: false, loaded: false, lastText: "", lastId: undefined };

  function read(storage, key) {
    try { return storage.getItem(key) || undefined; } catch (e) { return undefined; }
  }
  function write(storage, key, value) {
    try { value === undefined ? storage.removeItem(key) : storage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function setConversation(id) {
    if (id !== state.conversationId) state.lastId = undefined;
    state.conversationId = id;
    write(localStorage, STORE_KEY, id);
  }

  // ---- rendering -----------------------------------------------------------------------------------
  function timeLabel(date) {
    return date.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  }

  /** Safe, small formatting: paragraphs, "- " lists, **bold** and links. Never innerHTML with reply text. */
  function renderRich(container, text) {
    container.textContent = "";
    text.split(/\n{2,}/).forEach(function (block) {
      var lines = block.split("\n");
      var isList = lines.every(function (l) { return /^\s*([-*•]|\d+\.)\s+/.test(l); });
      if (isList) {
        var ul = document.createElement("ul");
        lines.forEach(function (l) { var li = document.createElement("li"); inline(li, l.replace(/^\s*([-*•]|\d+\.)\s+/, "")); ul.appendChild(li); });
        container.appendChild(ul);
      } else {
        var p = document.createElement("p");
        inline(p, block);
        container.appendChild(p);
      }
    });
  }
  function inline(parent, text) {
    var pattern = /(\*\*[^*]+\*\*|https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;
    var last = 0, m;
    while ((m = pattern.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var token = m[0];
      if (token.slice(0, 2) === "**") {
        var b = document.createElement("strong"); b.textContent = token.slice(2, -2); parent.appendChild(b);
      } else {
        var a = document.createElement("a"); a.href = token; a.textContent = token; a.target = "_blank"; a.rel = "noopener noreferrer"; parent.appendChild(a);
      }
      last = m.index + token.length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function addMessage(role, text, at, author) {
    var wrap = document.createElement("div");
    wrap.className = "msg " + role;
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    var who = document.createElement("span");
    who.className = "sr-only";
    var name = role === "agent" ? author || "Our team" : role === "user" ? "You" : "Assistant";
    who.textContent = role === "user" ? "You said: " : (role === "agent" ? name : cfg.title) + " said: ";
    var body = document.createElement("div");
    body.className = "text";
    role === "user" ? (body.textContent = text) : renderRich(body, text);
    bubble.appendChild(who);
    bubble.appendChild(body);
    var meta = document.createElement("time");
    meta.className = "meta";
    var when = at ? new Date(at) : new Date();
    meta.dateTime = when.toISOString();
    meta.textContent = name + " · " + timeLabel(when);
    wrap.appendChild(bubble);
    wrap.appendChild(meta);
    log.appendChild(wrap);
    scrollDown();
    return { wrap: wrap, body: body };
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  /** A booking's calendar invite as a download link under the confirmation. */
  function attachInvite(body, ics) {
    var link = document.createElement("a");
    link.className = "invite";
    link.href = URL.createObjectURL(new Blob([ics], { type: "text/calendar" }));
    link.download = "demo.ics";
    link.textContent = "Add to calendar (.ics)";
    body.appendChild(document.createElement("br"));
    body.appendChild(link);
  }

  var typingEl = null;
  function showTyping(on) {
    if (on && !typingEl) {
      typingEl = document.createElement("div");
      typingEl.className = "typing";
      typingEl.setAttribute("role", "status");
      typingEl.innerHTML = "<i></i><i></i><i></i><span class='sr-only'>Assistant is typing</span>";
      log.appendChild(typingEl);
      scrollDown();
    } else if (!on && typingEl) {
      typingEl.remove();
      typingEl = null;
    }
  }

  /** A muted line saying what the assistant is doing ("Looking up the Globex deal…"); "" removes it. */
  var statusEl = null;
  function showStatus(text) {
    if (text && !statusEl) {
      statusEl = document.createElement("p");
      statusEl.className = "progress";
      statusEl.setAttribute("role", "status");
    }
    if (!statusEl) return;
    if (!text) { statusEl.remove(); statusEl = null; return; }
    statusEl.textContent = text;
    // Under the typing dots, or under the answer streaming so far.
    log.appendChild(statusEl);
    scrollDown();
  }

  function showError(message) {
    errorText.textContent = message;
    errorBox.hidden = !message;
  }

  function renderChips() {
    chips.textContent = "";
    var empty = !log.querySelector(".msg.user");
    chips.hidden = !empty;
    if (!empty) return;
    cfg.suggestions.forEach(function (s) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "chip"; b.textContent = s;
      b.addEventListener("click", function () { submit(s); });
      chips.appendChild(b);
    });
  }

  function setBusy(busy) {
    state.busy = busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
    send.disabled = busy || !input.value.trim();
  }

  // ---- talking to the server -----------------------------------------------------------------------
  function loadHistory() {
    if (state.loaded) return Promise.resolve();
    state.loaded = true;
    var greet = function () { addMessage("assistant", cfg.greeting); renderChips(); };
    if (!state.conversationId) { greet(); return Promise.resolve(); }
    var json = function (res) {
      if (res.status === 404) return null;
      if (!res.ok) throw new Error("history " + res.status);
      return res.json();
    };
    // With ids and authors from the updates feed; the plain history where only the chat API is mounted.
    return fetch(updatesUrl(), { headers: { accept: "application/json" } })
      .then(json)
      .then(function (body) {
        return body || fetch(cfg.api + "/api/chat/" + encodeURIComponent(state.conversationId), { headers: { accept: "application/json" } }).then(json);
      })
      .then(function (body) {
        if (!body) setConversation(undefined);
        return body;
      })
      .then(function (body) {
        greet();
        if (body) { body.messages.forEach(function (m) { addMessage(m.role, m.text, m.at, m.author); }); if (body.messages[0] && body.messages[0].id) sawUpdates(body); }
        renderChips();
      })
      .catch(function () { greet(); showError("Couldn't load your earlier messages."); });
  }

  // ---- a person's replies (the human inbox): polled, so they arrive from whichever server wrote them ----
  var POLL_MS = 3000;
  var pollTimer = null;
  function updatesUrl() {
    return cfg.api + "/api/chat/" + encodeURIComponent(state.conversationId) + "/updates" + (state.lastId ? "?after=" + encodeURIComponent(state.lastId) : "");
  }
  function sawUpdates(body) {
    var last = body.messages[body.messages.length - 1];
    if (last) state.lastId = last.id;
    $(".subtitle").textContent = body.held && body.heldBy ? "You're chatting with " + body.heldBy : cfg.subtitle;
  }
  function poll() {
    pollTimer = null;
    if (panel.hidden || !state.conversationId) return schedulePoll();
    fetch(updatesUrl(), { headers: { accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (!body || body.conversationId !== state.conversationId) return;
        // The visitor's own messages and the assistant's answers are already shown by the stream.
        body.messages.forEach(function (m) { if (m.role === "agent") addMessage("agent", m.text, m.at, m.author); });
        sawUpdates(body);
      })
      .catch(function () { /* offline for a moment: try again next time */ })
      .then(schedulePoll);
  }
  function schedulePoll() { if (!pollTimer) pollTimer = setTimeout(poll, POLL_MS); }

  /** Reads a text/event-stream response body and calls onEvent(name, data) for each event. */
  function readEvents(res, onEvent) {
    var reader = res.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        var parts = buffer.split(/\r?\n\r?\n/);
        buffer = parts.pop();
        parts.forEach(function (part) {
          var name = "message", payload = "";
          part.split(/\r?\n/).forEach(function (line) {
            if (line.indexOf("event:") === 0) name = line.slice(6).trim();
            else if (line.indexOf("data:") === 0) payload += line.slice(5).trim();
          });
          if (payload) onEvent(name, JSON.parse(payload));
        });
        return pump();
      });
    }
    return pump();
  }

  function ask(text, isRetry) {
    var body = JSON.stringify({ conversationId: state.conversationId, text: text, timeZone: clientZone(), locale: navigator.language || undefined });
    return fetch(cfg.api + "/api/chat/stream", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: body,
    }).then(function (res) {
      if (res.status === 404 && state.conversationId && !isRetry) {
        // The conversation was forgotten on the server: start a new one.
        setConversation(undefined);
        return ask(text, true);
      }
      if (!res.ok) {
        return res.json().catch(function () { return {}; }).then(function (e) {
          throw new Error(res.status === 429 ? "You're sending messages quickly. Please wait a moment." : e.reason || "Request failed.");
        });
      }
      var current = null, failed = null, got = false;
      // The draft: the answer as it streams; `replace` restarts it (the model's words gave way to a checked answer).
      var draw = function (text) {
        showStatus("");
        showTyping(false);
        if (!current) { current = addMessage("assistant", ""); current.wrap.classList.add("streaming"); current.text = ""; }
        current.text = text;
        renderRich(current.body, current.text);
        scrollDown();
      };
      return readEvents(res, function (name, data) {
        if (name === "conversation") setConversation(data.conversationId);
        else if (name === "typing") showTyping(true);
        else if (name === "status") showStatus(data.text);
        else if (name === "delta") draw((current ? current.text : "") + data.text);
        else if (name === "replace") {
          if (data.text || current) draw(data.text);
        } else if (name === "message") {
          showStatus("");
          showTyping(false);
          if (!data.text && !current) return; // a person holds the conversation: the assistant stays silent
          if (!current) current = addMessage("assistant", "");
          current.wrap.classList.remove("streaming");
          renderRich(current.body, data.text);
          if (data.ics) attachInvite(current.body, data.ics);
          got = true;
          current = null;
        } else if (name === "error") failed = data.reason || "The assistant could not answer.";
      }).then(function () {
        showStatus("");
        showTyping(false);
        // A half-streamed answer is not an answer.
        if (current) { current.wrap.remove(); current = null; }
        if (failed) throw new Error(failed);
        return got;
      });
    });
  }

  function submit(text) {
    text = (text || "").trim();
    if (!text || state.busy) return;
    state.lastText = text;
    showError("");
    addMessage("user", text);
    renderChips();
    input.value = "";
    autosize();
    setBusy(true);
    ask(text)
      .catch(function (err) {
        showTyping(false);
        var offline = err instanceof TypeError;
        showError(offline ? "Can't reach the assistant. Check your connection and try again." : err.message);
      })
      .then(function () { setBusy(false); input.focus(); });
  }

  // ---- opening, closing, keyboard ------------------------------------------------------------------
  function open(restoring) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    write(sessionStorage, OPEN_KEY, "1");
    loadHistory().then(scrollDown);
    schedulePoll();
    // Re-opened after a page load: show it, but leave the page's focus alone.
    if (!restoring) input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", cfg.title);
    write(sessionStorage, OPEN_KEY, undefined);
    launcher.focus();
  }
  function autosize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 120) + "px";
    send.disabled = state.busy || !input.value.trim();
  }

  launcher.addEventListener("click", function () { panel.hidden ? open(false) : close(); });
  closeBtn.addEventListener("click", close);
  retry.addEventListener("click", function () {
    showError("");
    if (!state.lastText) return;
    var lastUser = log.querySelectorAll(".msg.user");
    if (lastUser.length) lastUser[lastUser.length - 1].remove();
    submit(state.lastText);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(input.value); });
  input.addEventListener("input", autosize);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(input.value); }
  });
  root.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { e.stopPropagation(); close(); }
  });

  function mount() {
    document.body.appendChild(host);
    if (read(sessionStorage, OPEN_KEY)) open(true);
  }
  document.body ? mount() : document.addEventListener("DOMContentLoaded", mount);
})();
