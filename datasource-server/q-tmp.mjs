import { query } from 'chdb';
const sql = process.argv[2];
try { console.log(query(sql, 'JSONCompact')); } catch (e) { console.log('ERR', String(e).slice(0,400)); }
