// Lints Pinflow's models with the rules Camunda Modeler applies (bpmnlint:recommended and
// camunda-compat for Camunda 8.8). Usage: node lint.mjs <file or folder>...
// Exit code 1 on any error, or on a warning that is not listed in TOLERATED_WARNINGS.
import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import modeler from 'modeler-moddle/resources/modeler.json' with { type: 'json' };
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// Warnings accepted on purpose, by rule, with the reason.
const TOLERATED_WARNINGS = {
  'camunda-compat/zeebe-user-task':
    'user tasks are job-worker based: the embedded engine completes jobs over gRPC, not Camunda user tasks',
};

function collect(target, extension) {
  const stat = fs.statSync(target);
  if (stat.isFile()) return target.endsWith(extension) ? [target] : [];
  return fs.readdirSync(target).flatMap((name) => collect(path.join(target, name), extension));
}

async function lintBpmn(file) {
  const moddle = new BpmnModdle({ zeebe, modeler });
  const xml = fs.readFileSync(file, 'utf8');
  const problems = [];
  const { rootElement, warnings } = await moddle.fromXML(xml);
  for (const warning of warnings) {
    problems.push({ category: 'error', id: '-', rule: 'parse', message: warning.message });
  }
  if (rootElement.get('modeler:executionPlatform') !== 'Camunda Cloud'
      || rootElement.get('modeler:executionPlatformVersion') !== '8.8.0') {
    problems.push({ category: 'error', id: rootElement.id, rule: 'execution-platform',
      message: 'header must declare modeler:executionPlatform="Camunda Cloud" executionPlatformVersion="8.8.0"' });
  }
  const process = rootElement.rootElements.find((e) => e.$type === 'bpmn:Process');
  const expectedId = path.basename(file, '.bpmn');
  if (!process || process.id !== expectedId) {
    problems.push({ category: 'error', id: process ? process.id : '-', rule: 'file-name',
      message: `the file must be named after its process id (${expectedId}.bpmn)` });
  }
  const diagram = rootElement.diagrams && rootElement.diagrams[0];
  if (!diagram || !diagram.plane || !(diagram.plane.planeElement || []).length) {
    problems.push({ category: 'error', id: '-', rule: 'diagram-interchange',
      message: 'no shapes or edges: Modeler could not draw this file' });
  }
  const config = JSON.parse(fs.readFileSync(path.join(here, '.bpmnlintrc'), 'utf8'));
  const linter = new Linter({ config, resolver: new NodeResolver({ require: createRequire(path.join(here, 'package.json')) }) });
  const results = await linter.lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      problems.push({ category: report.category, id: report.id, rule, message: report.message });
    }
  }
  return problems;
}

const targets = process.argv.slice(2);
if (!targets.length) {
  console.error('usage: node lint.mjs <file or folder>...');
  process.exit(2);
}
let failed = 0;
let checked = 0;
for (const file of targets.flatMap((t) => collect(t, '.bpmn'))) {
  checked++;
  const problems = await lintBpmn(file);
  const blocking = problems.filter(
    (p) => p.category === 'error' || (p.category === 'warn' && !TOLERATED_WARNINGS[p.rule]));
  for (const p of problems) {
    const tolerated = !blocking.includes(p) ? ' (tolerated: ' + TOLERATED_WARNINGS[p.rule] + ')' : '';
    console.log(`${file}  ${p.id}  ${p.category}  ${p.rule}: ${p.message}${tolerated}`);
  }
  failed += blocking.length ? 1 : 0;
}
console.log(`${checked} model(s) checked, ${failed} with problems`);
process.exit(failed || !checked ? 1 : 0);
