#!/usr/bin/env node
// The `sportello` command. TypeScript sources run through tsx's loader so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main, exitWhenDone } = await import('../main/cli/index.ts');
exitWhenDone(await main(process.argv.slice(2)));
