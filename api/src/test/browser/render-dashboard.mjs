#!/usr/bin/env node
// Renders Pinflow's dashboard in headless Chromium and reports what it shows.
//
//   node render-dashboard.mjs <baseUrl> <user> <password> <screenshotPath>
//
// Opens <baseUrl>/dashboard signed in with HTTP Basic, waits until the page marks itself ready
// (body[data-ready=true]), saves a full-page screenshot and prints one JSON line to stdout:
//
//   {"charts": {"<data-chart>": <points>, ...}, "headline": {"<name>": "<text>", ...},
//    "errors": ["<console error>", ...], "state": "ok|empty|error", "messages": [...],
//    "range": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "shop": ""}, "labels": {...}}
//
// Exit code 0 when the page loaded its figures, 1 when it shows an error or could not be
// rendered, 2 on wrong arguments, 3 when Chromium is missing. Uses the system Chromium
// (Debian: apt-get install -y chromium); PINFLOW_CHROMIUM names another binary.

import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.PINFLOW_CHROMIUM || "/usr/bin/chromium";
const READY_TIMEOUT_MS = 60_000;
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function main(argv) {
  if (argv.length !== 4) {
    process.stderr.write(
      "usage: node render-dashboard.mjs <baseUrl> <user> <password> <screenshotPath>\n");
    return 2;
  }
  const [baseUrl, username, password, screenshotPath] = argv;
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(
      `Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium `
      + "(Debian/Ubuntu), or set PINFLOW_CHROMIUM to a Chromium binary.\n");
    return 3;
  }

  const errors = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const context = await browser.newContext({
      httpCredentials: { username, password },
      viewport: { width: 1440, height: 900 },
      locale: "en-US",
    });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") {
        const where = message.location();
        errors.push(where && where.url ? `${message.text()} (${where.url})` : message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));

    const response = await page.goto(new URL("/dashboard", baseUrl).href, { waitUntil: "load" });
    if (!response || !response.ok()) {
      throw new Error(`GET /dashboard answered ${response ? response.status() : "nothing"}`);
    }
    await page.waitForSelector('body[data-ready="true"]', { timeout: READY_TIMEOUT_MS });

    const shown = await page.evaluate(() => {
      const charts = {};
      const labels = {};
      document.querySelectorAll("[data-chart]").forEach((node) => {
        charts[node.dataset.chart] = Number(node.dataset.points ?? "NaN");
        const chart = node.tagName === "CANVAS" && window.Chart ? window.Chart.getChart(node) : null;
        labels[node.dataset.chart] = chart
          ? chart.data.labels.map(String)
          : [...node.querySelectorAll("tbody tr")].map((tr) => tr.dataset.key);
      });
      const headline = {};
      document.querySelectorAll("[data-headline]").forEach((node) => {
        headline[node.dataset.headline] = node.textContent.trim();
      });
      const messages = [...document.querySelectorAll("#error > *, #empty:not([hidden])")]
        .filter((node) => !node.closest("[hidden]"))
        .map((node) => node.textContent.trim());
      return {
        charts,
        headline,
        state: document.body.dataset.state,
        messages,
        range: {
          from: document.getElementById("from").value,
          to: document.getElementById("to").value,
          shop: document.getElementById("shop").value,
        },
        labels,
      };
    });

    const file = resolve(screenshotPath);
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });

    const report = {
      charts: shown.charts,
      headline: shown.headline,
      errors,
      state: shown.state,
      messages: shown.messages,
      range: shown.range,
      labels: shown.labels,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return shown.state === "error" ? 1 : 0;
  } catch (failure) {
    process.stderr.write(`dashboard not rendered: ${failure.message}\n`);
    process.stdout.write(`${JSON.stringify({ charts: {}, headline: {}, errors, failure: failure.message })}\n`);
    return 1;
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (failure) => {
    process.stderr.write(`dashboard not rendered: ${failure.stack || failure}\n`);
    process.exitCode = 1;
  },
);
