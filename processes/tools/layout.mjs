import { layoutProcess } from 'bpmn-auto-layout';
import fs from 'fs';
const xml = fs.readFileSync(process.argv[2], 'utf8');
const out = await layoutProcess(xml);
fs.writeFileSync(process.argv[3], out);
