'use strict';
// Preloaded (node --expose-gc -r) into the API process of the live part's memory
// measurement: on SIGUSR2 it runs a full garbage collection and writes
// process.memoryUsage() to BENCH_GC_PROBE_FILE, so that the bench can tell memory the
// streams hold from garbage not yet collected. It adds nothing else to the process.
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  global.gc?.();
  global.gc?.();
  writeFileSync(process.env.BENCH_GC_PROBE_FILE, JSON.stringify(process.memoryUsage()));
});
