#!/usr/bin/env node
// The `podbook` bin entry. The CLI is TypeScript; tsx compiles it on the fly, scoped to this
// import (tsImport) so no global loader is installed for the rest of the process.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./cli.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
