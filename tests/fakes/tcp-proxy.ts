import net from "node:net";

export type ProxyMode = "pass" | "refuse" | "hang";

export interface TcpProxy {
  /** Loopback port clients connect to (stays the same across refuse → pass). */
  port: number;
  mode: ProxyMode;
  /** pass: forward both ways; refuse: stop listening (ECONNREFUSED) and cut open connections;
   *  hang: accept, and forward nothing either way on any connection, old or new. */
  set(mode: ProxyMode): Promise<void>;
  /** Connections accepted so far (a test waits on this instead of sleeping). */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real server (PostgreSQL, an HTTP model endpoint) that a test can make refuse,
 * hang and recover, to see what the product does when its dependency goes away and comes back.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "pass";
  let accepted = 0;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    accepted += 1;
    sockets.add(client);
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on("data", (chunk) => {
        if (mode === "pass") to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    async set(next) {
      if (next === mode) return;
      const wasRefusing = mode === "refuse";
      mode = next;
      if (next === "refuse") {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
      } else if (wasRefusing) {
        await listen(port);
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
