// The launch bench's load generator, in its own process: argv[2] is JSON { origin, requests, connections,
// duration }, where `requests` is the sequence every connection repeats (one client launch). Counts the
// answers by status, so a 304 is a success here (autocannon counts it among the non-2xx).
import autocannon from 'autocannon';

const { origin, requests, connections, duration } = JSON.parse(process.argv[2]);
const result = await autocannon({ url: origin, requests, connections, duration, pipelining: 1 });
process.send(
  {
    rps: result.requests.average,
    total: result.requests.total,
    p99: result.latency.p99,
    bytes: result.throughput.total,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
    ),
  },
  () => process.exit(0),
);
