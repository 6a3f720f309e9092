#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between `npm install` and `npx cxpm`.
import { register } from "tsx/esm/api";

register();
await import("../src/interfaces/cli/main.ts");
