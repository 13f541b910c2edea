// MemoryStore (the default store) against the shared Store contract.
import { MemoryStore } from '../../src/store/memory.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('MemoryStore', () => ({ store: new MemoryStore() }));
