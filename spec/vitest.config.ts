import { workspaceConfig } from '../vitest.shared.js';

// Loading and dereferencing the whole spec, and the linters (Spectral, Redocly), take seconds alone
// and past a minute when every suite shares a 2-core machine.
export default workspaceConfig({ testTimeout: 120_000 });
