#!/usr/bin/env node
// The `meshlight` executable: runs the CLI on the process's arguments and streams.
import { run } from './program';

process.exitCode = run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
