// The bench's load generator, in its own process so that the server's CPU time per request is the server's
// alone: argv[2] is JSON { url, headers, connections, duration }; the summary goes back over IPC.
import autocannon from 'autocannon';

const { url, headers, connections, duration } = JSON.parse(process.argv[2]);
const result = await autocannon({ url, headers, connections, duration, pipelining: 1 });
process.send(
  {
    rps: result.requests.average,
    total: result.requests.total,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  },
  () => process.exit(0),
);
