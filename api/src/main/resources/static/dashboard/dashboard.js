/*
 * Pinflow operations dashboard: reads the fulfilment and after-sales reports for a date range and
 * an optional shop, and charts them. The filters live in the address (?from=&to=&shop=) so that a
 * view can be shared as a link.
 *
 * For automated checks the page marks its state: <body data-ready="true"> once a load has finished
 * (with data-state="ok", "empty" or "error"), and every element with data-chart carries
 * data-points, the number of data points it shows.
 */
"use strict";

(() => {
  const ZONE = "Asia/Shanghai";
  const DAY_MS = 86_400_000;
  const DEFAULT_DAYS = 30;
  const MAX_FILLED_DAYS = 400;
  const TOP_SKUS = 10;

  const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat("zh-CN", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const longDate = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });

  const PALETTE = [
    "#2f6fde", "#f08a24", "#2aa876", "#d64545", "#8a5cd1",
    "#1fa6b8", "#c9a227", "#e0629a", "#6b7f99", "#5aa02c",
  ];
  const BLUE = "#2f6fde";
  const ORANGE = "#f08a24";
  const GREEN = "#2aa876";

  const el = {
    form: document.getElementById("filters"),
    from: document.getElementById("from"),
    to: document.getElementById("to"),
    shop: document.getElementById("shop"),
    range: document.getElementById("range"),
    error: document.getElementById("error"),
    empty: document.getElementById("empty"),
  };

  const charts = new Map();
  const shopNames = new Map();
  let shopsFailure = null;
  let loadSerial = 0;

  // ---------------------------------------------------------------- formatting

  /** Fen (integer) as yuan with two decimals and zh-CN grouping, e.g. ¥12,345.60; exact. */
  function yuan(fen) {
    if (fen === null || fen === undefined || Number.isNaN(Number(fen))) {
      return "–";
    }
    const value = BigInt(Math.round(Number(fen)));
    const negative = value < 0n;
    const abs = negative ? -value : value;
    const cents = String(abs % 100n).padStart(2, "0");
    return `${negative ? "-" : ""}¥${integer.format(abs / 100n)}.${cents}`;
  }

  function count(value) {
    return value === null || value === undefined ? "–" : integer.format(value);
  }

  function percent(value) {
    return value === null || value === undefined ? "–" : `${oneDecimal.format(value)}%`;
  }

  function hours(value) {
    return value === null || value === undefined ? "–" : `${oneDecimal.format(value)} h`;
  }

  /** A report key such as NOT_AS_DESCRIBED as "Not as described"; other text unchanged. */
  function label(key, missing) {
    if (key === null || key === undefined || key === "") {
      return missing;
    }
    const text = String(key);
    if (/^[A-Z0-9_]+$/.test(text)) {
      const words = text.toLowerCase().replace(/_/g, " ");
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
    return text;
  }

  function shopLabel(shopId) {
    return shopNames.get(shopId) || shopId;
  }

  // ---------------------------------------------------------------- dates (calendar days in CST)

  function todayInShanghai() {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(new Date());
    const part = (type) => parts.find((p) => p.type === type).value;
    return `${part("year")}-${part("month")}-${part("day")}`;
  }

  function toUtc(isoDate) {
    const [y, m, d] = isoDate.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  }

  function addDays(isoDate, days) {
    return new Date(toUtc(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
  }

  function isDate(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }

  /** Every day from..to inclusive, or null when the range is too long to draw day by day. */
  function daysOf(from, to) {
    const length = Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
    if (length > MAX_FILLED_DAYS) {
      return null;
    }
    return Array.from({ length }, (_, i) => addDays(from, i));
  }

  function readableDate(isoDate) {
    return longDate.format(new Date(toUtc(isoDate)));
  }

  // ---------------------------------------------------------------- requests

  class LoadError extends Error {}

  async function getJson(path, what, params) {
    const url = new URL(path, document.baseURI);
    Object.entries(params || {}).forEach(([name, value]) => url.searchParams.set(name, value));
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "application/json" } });
    } catch (unreachable) {
      throw new LoadError(`The server cannot be reached (loading ${what}).`);
    }
    if (!response.ok) {
      let detail = "";
      try {
        const problem = await response.json();
        const fields = Array.isArray(problem.errors)
          ? problem.errors.map((error) => `${error.field} ${error.message}`).join("; ")
          : "";
        detail = fields || problem.detail || problem.title || "";
      } catch (notJson) {
        detail = response.statusText;
      }
      throw new LoadError(describeFailure(response.status, what, detail));
    }
    return response.json();
  }

  function describeFailure(status, what, detail) {
    if (status === 401) {
      return "You are not signed in, or your sign-in was refused. Reload the page to sign in again.";
    }
    if (status === 403) {
      return `Your account may not read ${what}: the reports need the permission `
        + "report:read. Ask an administrator to grant it.";
    }
    return `Loading ${what} failed (HTTP ${status})${detail ? `: ${detail}` : "."}`;
  }

  // ---------------------------------------------------------------- state shown on the page

  function showError(message) {
    const line = document.createElement("div");
    line.textContent = message;
    el.error.append(line);
    el.error.hidden = false;
  }

  function clearMessages() {
    el.error.replaceChildren();
    el.error.hidden = true;
    el.empty.hidden = true;
  }

  function setHeadline(name, value, hint) {
    document.querySelector(`[data-headline="${name}"]`).textContent = value;
    document.querySelector(`[data-hint="${name}"]`).textContent = hint || "";
  }

  function clearHeadline() {
    document.querySelectorAll("[data-headline]").forEach((node) => {
      node.textContent = "–";
    });
    document.querySelectorAll("[data-hint]").forEach((node) => {
      node.textContent = "";
    });
  }

  function chartElement(name) {
    return document.querySelector(`[data-chart="${name}"]`);
  }

  function setPoints(name, points) {
    const node = chartElement(name);
    node.dataset.points = String(points);
    const noData = node.parentElement.querySelector(".no-data");
    if (noData) {
      noData.hidden = points > 0;
    }
  }

  /** Draws (or clears, when there are no points) the chart named by the canvas' data-chart. */
  function draw(name, points, config) {
    const previous = charts.get(name);
    if (previous) {
      previous.destroy();
      charts.delete(name);
    }
    const canvas = chartElement(name);
    canvas.hidden = points === 0;
    if (points > 0) {
      charts.set(name, new Chart(canvas, config));
    }
    setPoints(name, points);
  }

  function clearAll() {
    clearHeadline();
    ["orders-gmv-by-day", "on-time-by-day", "top-skus-by-gmv", "after-sales-by-reason",
      "after-sales-by-outcome"].forEach((name) => draw(name, 0, null));
    chartElement("fulfilment-by-shop").querySelector("tbody").replaceChildren();
    setPoints("fulfilment-by-shop", 0);
  }

  function finish(serial, state) {
    if (serial !== loadSerial) {
      return;
    }
    document.body.dataset.state = state;
    // one frame later, so that what the charts drew is on screen
    requestAnimationFrame(() => {
      if (serial === loadSerial) {
        document.body.dataset.ready = "true";
      }
    });
  }

  // ---------------------------------------------------------------- rendering

  function sum(rows, field) {
    return rows.reduce((total, row) => total + (Number(row[field]) || 0), 0);
  }

  /** The headline figures from the reports' single-row totals (empty when nothing happened). */
  function renderHeadline(fulfilmentTotal, afterSalesTotal) {
    const f = fulfilmentTotal[0] || {};
    const a = afterSalesTotal[0] || {};
    const orders = Number(f.orders) || 0;
    const shipped = Number(f.shipped) || 0;
    const cases = Number(a.cases) || 0;

    // the report counts units only when grouped by SKU
    setHeadline("orders", count(orders),
      f.units === null || f.units === undefined
        ? `${count(f.cancellations || 0)} cancelled`
        : `${count(f.units)} units · ${count(f.cancellations || 0)} cancelled`);
    setHeadline("gmv", yuan(f.gmvFen || 0),
      orders > 0 ? `${yuan(Math.round(f.gmvFen / orders))} per order` : "");
    setHeadline("onTime", percent(f.onTimePercent),
      shipped > 0
        ? `${count(f.shippedOnTime)} of ${count(shipped)} shipped · ${count(f.deadlineBreaches)} late`
        : "nothing shipped");
    setHeadline("p90HoursToShip", hours(f.p90HoursToShip),
      shipped > 0 ? `average ${hours(f.avgHoursToShip)}` : "nothing shipped");
    setHeadline("afterSalesCases", count(cases),
      `${count(a.open || 0)} open · ${count(a.missedDeadlines || 0)} missed deadline`);
    setHeadline("refundRate", percent(a.refundRatePercent),
      cases > 0
        ? `${count(a.refunded)} ${a.refunded === 1 ? "refund" : "refunds"} on ${count(orders)} orders`
          + ` · ${yuan(a.refundedAmountFen)}`
        : "no after-sales cases");
  }

  function renderDaily(byDay, from, to) {
    const rowsByDay = new Map(byDay.map((row) => [row.key, row]));
    const days = daysOf(from, to) || byDay.map((row) => row.key).sort();
    const withOrders = byDay.filter((row) => Number(row.orders) > 0).length;

    draw("orders-gmv-by-day", withOrders, {
      data: {
        labels: days,
        datasets: [
          {
            type: "bar",
            label: "Orders",
            data: days.map((day) => rowsByDay.get(day)?.orders ?? 0),
            backgroundColor: "rgba(47, 111, 222, 0.75)",
            borderRadius: 3,
            yAxisID: "orders",
            order: 2,
          },
          {
            type: "line",
            label: "GMV (¥)",
            data: days.map((day) => (rowsByDay.get(day)?.gmvFen ?? 0) / 100),
            borderColor: ORANGE,
            backgroundColor: ORANGE,
            pointRadius: 2,
            cubicInterpolationMode: "monotone",
            yAxisID: "gmv",
            order: 1,
          },
        ],
      },
      options: {
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { callback: dayTick(days), maxRotation: 0, autoSkipPadding: 8 } },
          orders: {
            position: "left",
            beginAtZero: true,
            title: { display: true, text: "Orders" },
            ticks: { precision: 0 },
          },
          gmv: {
            position: "right",
            beginAtZero: true,
            title: { display: true, text: "GMV (¥)" },
            grid: { drawOnChartArea: false },
            ticks: { callback: (value) => `¥${integer.format(value)}` },
          },
        },
        plugins: {
          legend: { labels: { sort: (a, b) => a.datasetIndex - b.datasetIndex } },
          tooltip: {
            callbacks: {
              title: (items) => readableDate(days[items[0].dataIndex]),
              label: (item) => (item.dataset.yAxisID === "gmv"
                ? `GMV: ${yuan(Math.round(item.raw * 100))}`
                : `Orders: ${count(item.raw)}`),
            },
          },
        },
      },
    });

    const shippedDays = byDay.filter((row) => row.onTimePercent !== null && row.onTimePercent !== undefined);
    draw("on-time-by-day", shippedDays.length, {
      type: "line",
      data: {
        labels: days,
        datasets: [
          {
            label: "Shipped on time (%)",
            data: days.map((day) => rowsByDay.get(day)?.onTimePercent ?? null),
            borderColor: GREEN,
            backgroundColor: GREEN,
            pointRadius: 3,
            // a day without shipments has no rate; the line passes over it
            spanGaps: true,
            // points at 100% stay whole
            clip: 6,
          },
        ],
      },
      options: {
        scales: {
          x: { ticks: { callback: dayTick(days), maxRotation: 0, autoSkipPadding: 8 } },
          y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => readableDate(days[items[0].dataIndex]),
              label: (item) => {
                const row = rowsByDay.get(days[item.dataIndex]);
                return `${percent(item.raw)} on time (${count(row.shippedOnTime)} of ${count(row.shipped)})`;
              },
            },
          },
        },
      },
    });
  }

  function dayTick(days) {
    return (value) => days[value].slice(5);
  }

  function renderTopSkus(bySku) {
    const top = [...bySku]
      .filter((row) => Number(row.gmvFen) > 0)
      .sort((a, b) => b.gmvFen - a.gmvFen)
      .slice(0, TOP_SKUS);
    draw("top-skus-by-gmv", top.length, {
      type: "bar",
      data: {
        labels: top.map((row) => row.key),
        datasets: [
          {
            label: "GMV (¥)",
            data: top.map((row) => row.gmvFen / 100),
            backgroundColor: "rgba(47, 111, 222, 0.75)",
            borderRadius: 3,
          },
        ],
      },
      options: {
        indexAxis: "y",
        scales: {
          x: { beginAtZero: true, ticks: { callback: (value) => `¥${integer.format(value)}` } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const row = top[item.dataIndex];
                const units = row.units === null || row.units === undefined
                  ? "" : ` · ${count(row.units)} units`;
                return `${yuan(row.gmvFen)} · ${count(row.orders)} orders${units}`;
              },
            },
          },
        },
      },
    });
  }

  function renderAfterSales(byReason, byOutcome) {
    const reasons = byReason.filter((row) => Number(row.cases) > 0).sort((a, b) => b.cases - a.cases);
    draw("after-sales-by-reason", reasons.length, {
      type: "doughnut",
      data: {
        labels: reasons.map((row) => label(row.key, "No reason given")),
        datasets: [
          {
            data: reasons.map((row) => row.cases),
            backgroundColor: reasons.map((_, i) => PALETTE[i % PALETTE.length]),
            borderColor: "#fff",
            borderWidth: 2,
          },
        ],
      },
      options: {
        cutout: "55%",
        plugins: {
          legend: { position: "right" },
          tooltip: {
            callbacks: {
              label: (item) => {
                const row = reasons[item.dataIndex];
                return `${item.label}: ${count(row.cases)} cases · ${yuan(row.refundAmountFen)} asked`;
              },
            },
          },
        },
      },
    });

    const outcomes = byOutcome.filter((row) => Number(row.cases) > 0).sort((a, b) => b.cases - a.cases);
    draw("after-sales-by-outcome", outcomes.length, {
      type: "bar",
      data: {
        labels: outcomes.map((row) => label(row.key, "Open")),
        datasets: [
          {
            label: "Cases",
            data: outcomes.map((row) => row.cases),
            backgroundColor: outcomes.map((_, i) => PALETTE[i % PALETTE.length]),
            borderRadius: 3,
          },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const row = outcomes[item.dataIndex];
                return `${count(row.cases)} cases · ${yuan(row.refundedAmountFen)} refunded`;
              },
            },
          },
        },
      },
    });
  }

  function renderShops(byShop) {
    const rows = [...byShop].sort((a, b) => b.gmvFen - a.gmvFen || String(a.key).localeCompare(b.key));
    const body = chartElement("fulfilment-by-shop").querySelector("tbody");
    body.replaceChildren(...rows.map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.key = row.key;
      const name = document.createElement("td");
      name.textContent = shopLabel(row.key);
      if (shopNames.has(row.key) && shopNames.get(row.key) !== row.key) {
        const id = document.createElement("span");
        id.className = "id";
        id.textContent = row.key;
        name.append(id);
      }
      tr.append(name);
      [
        count(row.orders),
        yuan(row.gmvFen).replace("¥", ""),
        count(row.shipped),
        percent(row.onTimePercent),
        hours(row.avgHoursToShip),
        hours(row.p90HoursToShip),
        count(row.deadlineBreaches),
        count(row.cancellations),
      ].forEach((text) => {
        const td = document.createElement("td");
        td.className = "num";
        td.textContent = text;
        tr.append(td);
      });
      return tr;
    }));
    setPoints("fulfilment-by-shop", rows.length);
  }

  // ---------------------------------------------------------------- filters and loading

  function readAddress() {
    const query = new URLSearchParams(location.search);
    const to = isDate(query.get("to")) ? query.get("to") : todayInShanghai();
    const from = isDate(query.get("from")) ? query.get("from") : addDays(to, -(DEFAULT_DAYS - 1));
    el.from.value = from;
    el.to.value = to;
    return query.get("shop") || "";
  }

  function writeAddress(from, to, shop) {
    const query = new URLSearchParams({ from, to });
    if (shop) {
      query.set("shop", shop);
    }
    history.replaceState(null, "", `${location.pathname}?${query}`);
  }

  async function loadShops(selected) {
    try {
      const shops = await getJson("../api/shops", "the shops");
      shops
        .slice()
        .sort((a, b) => String(a.name || a.shopId).localeCompare(String(b.name || b.shopId)))
        .forEach((shop) => {
          shopNames.set(shop.shopId, shop.name || shop.shopId);
          el.shop.append(new Option(shop.name || shop.shopId, shop.shopId));
        });
    } catch (failure) {
      shopsFailure = failure.message;
    }
    if (selected) {
      if (![...el.shop.options].some((option) => option.value === selected)) {
        el.shop.append(new Option(selected, selected));
      }
      el.shop.value = selected;
    }
  }

  async function load() {
    const serial = ++loadSerial;
    document.body.dataset.ready = "false";
    const from = el.from.value;
    const to = el.to.value;
    const shop = el.shop.value;
    el.empty.hidden = true;
    el.error.replaceChildren();
    el.error.hidden = true;
    if (shopsFailure) {
      showError(shopsFailure);
    }

    if (!isDate(from) || !isDate(to) || from > to) {
      clearAll();
      showError("Choose a start date on or before the end date.");
      finish(serial, "error");
      return;
    }
    writeAddress(from, to, shop);
    el.range.textContent = `${readableDate(from)} – ${readableDate(to)} · `
      + `${shop ? shopLabel(shop) : "all shops"}`;

    const params = { from, to };
    if (shop) {
      params.shopId = shop;
    }
    const fulfilment = (groupBy) => getJson("../api/reports/fulfilment", "the fulfilment report",
      { ...params, groupBy });
    const afterSales = (groupBy) => getJson("../api/reports/after-sales",
      "the after-sales report", { ...params, groupBy });
    try {
      const [total, byDay, bySku, byShop, afterSalesTotal, byReason, byOutcome] =
        await Promise.all([
          fulfilment("total"),
          fulfilment("day"),
          fulfilment("sku"),
          fulfilment("shop"),
          afterSales("total"),
          afterSales("reason"),
          afterSales("outcome"),
        ]);
      if (serial !== loadSerial) {
        return;
      }
      renderHeadline(total, afterSalesTotal);
      renderDaily(byDay, from, to);
      renderTopSkus(bySku);
      renderAfterSales(byReason, byOutcome);
      renderShops(byShop);
      const empty = sum(total, "orders") === 0;
      el.empty.hidden = !empty;
      finish(serial, empty ? "empty" : "ok");
    } catch (failure) {
      if (serial !== loadSerial) {
        return;
      }
      clearAll();
      // nothing is known, so the cards stay blank rather than claiming "no orders"
      document.querySelectorAll(".no-data").forEach((node) => {
        node.hidden = true;
      });
      showError(failure.message);
      finish(serial, "error");
    }
  }

  function configureCharts() {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 12;
    Chart.defaults.color = "#66788a";
    Chart.defaults.borderColor = "#e8ecf1";
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.plugins.legend.labels.boxWidth = 12;
    Chart.defaults.plugins.legend.labels.boxHeight = 12;
  }

  async function start() {
    clearMessages();
    const shop = readAddress();
    if (typeof Chart === "undefined") {
      clearAll();
      showError("The chart library could not be loaded; reload the page.");
      finish(loadSerial, "error");
      return;
    }
    configureCharts();
    el.form.addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    await loadShops(shop);
    await load();
  }

  start();
})();
