#!/usr/bin/env node
// `npm start`: Electron where it can run, otherwise browser-kiosk mode (main/shell/launch.ts).
// TypeScript sources run through tsx's loader, as for the CLI: a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { launch } = await import('../main/shell/launch.ts');
process.exitCode = await launch({ argv: process.argv.slice(2) });
