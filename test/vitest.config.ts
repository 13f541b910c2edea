import { workspaceConfig } from '../vitest.shared.js';

// The end-to-end and contract tests live in folders by subject (contract/, release/, ...), not under test/.
export default workspaceConfig({ include: ['**/*.test.ts'], exclude: ['node_modules/**'] });
