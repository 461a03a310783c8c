import { Session } from 'chdb';
const s = new Session();
try { console.log(s.query(process.argv[2]!, 'CSV')); } catch (e) { console.log(String(e).slice(0, 600)); }
