#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npm ci` is the whole build.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/app/cli/index.ts");
process.exitCode = await main(process.argv);
