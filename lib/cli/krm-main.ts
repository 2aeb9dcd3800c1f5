#!/usr/bin/env node
// The `meshlight-krm` executable: `meshlight krm` for orchestrators that run a function by its path alone, without
// arguments (kustomize's exec functions, `kpt fn eval --exec`).
import { run } from './program';

process.exitCode = run(['krm', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr });
