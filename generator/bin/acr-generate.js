#!/usr/bin/env node
// The generator runs from its TypeScript source (it is a build tool of this repository, never
// published), through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
