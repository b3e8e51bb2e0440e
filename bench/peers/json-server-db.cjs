// json-server's data for the side-by-side bench: a .js source, so json-server keeps it in memory (lowdb's Memory
// adapter) like the fake does without --data; a .json source would rewrite the file on every write.
const { readFileSync } = require('node:fs');

module.exports = () => JSON.parse(readFileSync(process.env.PEERS_DB, 'utf8'));
