// Adds diagram interchange (shapes and edges) to a BPMN file written without it, so that Camunda
// Modeler can draw it. Subprocesses, event subprocesses included, are drawn expanded.
// Usage: node layout.mjs <in.bpmn> <out.bpmn>
import { layoutProcess } from 'bpmn-auto-layout';
import fs from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node layout.mjs <in.bpmn> <out.bpmn>');
  process.exit(2);
}
let xml = fs.readFileSync(input, 'utf8');
if (!xml.includes('bpmndi:BPMNDiagram')) {
  const processId = /<bpmn:process id="([^"]+)"/.exec(xml)[1];
  const subProcesses = [...xml.matchAll(/<bpmn:subProcess id="([^"]+)"/g)].map((m) => m[1]);
  const shapes = subProcesses
    .map((id) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}" isExpanded="true">`
      + '<dc:Bounds x="0" y="0" width="100" height="80" /></bpmndi:BPMNShape>')
    .join('');
  xml = xml
    .replace('<bpmn:definitions ', '<bpmn:definitions xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
      + 'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ')
    .replace('</bpmn:definitions>', `<bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" `
      + `bpmnElement="${processId}">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>`);
}
fs.writeFileSync(output, await layoutProcess(xml));
