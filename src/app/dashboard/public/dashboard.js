// Draws every chart of a dashboard page from its JSON spec; the same figures are in the table under it.
(function () {
  "use strict";
  var formats = {
    money: function (v) { return v === null ? "–" : "$" + Math.round(v).toLocaleString("en-US"); },
    int: function (v) { return v === null ? "–" : Math.round(v).toLocaleString("en-US"); },
    pct: function (v) { return v === null ? "–" : (v * 100).toFixed(1) + "%"; },
    days: function (v) { return v === null ? "–" : v.toFixed(1) + " d"; },
  };
  var compact = function (format) {
    return function (v) {
      if (format === "pct") return Math.round(v * 100) + "%";
      var a = Math.abs(v);
      var s = a >= 1e6 ? (v / 1e6).toFixed(1) + "M" : a >= 1e3 ? (v / 1e3).toFixed(0) + "k" : String(Math.round(v * 10) / 10);
      return format === "money" ? "$" + s : s;
    };
  };

  function option(spec) {
    var formatsUsed = spec.series.map(function (s) { return s.format; }).filter(function (f, i, all) { return all.indexOf(f) === i; });
    var valueAxes = formatsUsed.map(function (f, i) {
      return { type: "value", axisLabel: { formatter: compact(f) }, position: i === 0 ? (spec.horizontal ? "bottom" : "left") : (spec.horizontal ? "top" : "right"), splitLine: { show: i === 0 } };
    });
    var categoryAxis = { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: !spec.horizontal && spec.categories.length > 6 ? 30 : 0 } };
    var series = spec.series.map(function (s) {
      var axis = formatsUsed.indexOf(s.format);
      var base = { name: s.name, type: spec.type === "line" || (spec.type === "bar" && axis > 0) ? "line" : "bar", data: s.data, z: 3 };
      base[spec.horizontal ? "xAxisIndex" : "yAxisIndex"] = axis;
      return base;
    });
    if (spec.type === "band") {
      series = [
        { name: "P10", type: "bar", stack: "band", data: spec.band.low, itemStyle: { color: "transparent" }, silent: true, tooltip: { show: false } },
        { name: "P10–P90 band", type: "bar", stack: "band", data: spec.band.high.map(function (h, i) { return h - spec.band.low[i]; }), itemStyle: { color: "rgba(84,112,198,0.25)" } },
        { name: spec.series[0].name, type: "scatter", data: spec.series[0].data, symbol: "diamond", symbolSize: 14, z: 4 },
      ];
    }
    var tooltip = {
      trigger: "axis",
      valueFormatter: function (v) { return formats[spec.series[0].format](v); },
    };
    return {
      animation: false,
      grid: { left: spec.horizontal ? 150 : 60, right: 60, top: 40, bottom: 60 },
      legend: { top: 0 },
      tooltip: tooltip,
      xAxis: spec.horizontal ? valueAxes : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxes,
      series: series,
    };
  }

  function draw() {
    var charts = {};
    document.querySelectorAll("script[data-spec]").forEach(function (node) {
      var id = node.getAttribute("data-spec");
      var el = document.querySelector('[data-chart="' + id + '"]');
      if (!el || !window.echarts) return;
      var spec = JSON.parse(node.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      charts[id] = chart;
    });
    window.salesgraphCharts = charts;
    window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
    document.documentElement.setAttribute("data-charts-ready", String(Object.keys(charts).length));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
