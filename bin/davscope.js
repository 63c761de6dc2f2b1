#!/usr/bin/env node
// The davscope command: runs the TypeScript sources directly through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../proxy/cli.ts');
