export type { AIgatewayMcp, ConnectMcpOptions, ConnectMcpWithClient } from './connect.js';
export { connectMcp } from './connect.js';
export type { McpTransportKind } from './endpoint.js';
