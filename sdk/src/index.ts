export * from "./client.js";
export * from "./deployments.js";
export * from "./errors.js";
export * from "./ipfs/index.js";
export * from "./registry/actions.js";
export * from "./registry/errors.js";
export type * from "./registry/types.js";
export { ModelRegistry__factory } from "./contracts.js";
export type { ModelRegistry, IModelRegistry } from "./contracts.js";
