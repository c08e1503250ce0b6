#!/usr/bin/env node
// `npm run sim:nexo`: the nexo card terminal simulator (sim/nexo). TypeScript through tsx, like bin/sportello.mjs.
import { register } from 'tsx/esm/api';

register();
const { runNexoSimCli } = await import('../sim/nexo/cli.ts');
process.exitCode = await runNexoSimCli(process.argv.slice(2), {
  env: process.env,
  out: (t) => console.log(t),
  err: (t) => console.error(t),
});
