-- wrk hook: print one JSON line with throughput, p50/p95 latencies (µs) and errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULTAT {"rps": %f, "p50": %d, "p95": %d, "requetes": %d, "non2xx": %d, "erreurs": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout))
end
