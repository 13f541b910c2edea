import { workspaceConfig } from '../vitest.shared.js';

// Golden and end-to-end generator runs emit every package: minutes on a loaded 2-core machine.
export default workspaceConfig({ testTimeout: 120_000 });
