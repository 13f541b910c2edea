// The API the server serves: @acr-ee/api's table, read once through the server's view of it.
import { api as description } from '@acr-ee/api';
import { mockView } from './operation.js';

export { operations, type OperationName } from '@acr-ee/api';

export const api = mockView(description);
