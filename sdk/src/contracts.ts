// The only door from the SDK to the TypeChain bindings that `hardhat build` generates from the contracts:
// types flow contracts -> TypeChain -> SDK, and no ABI is copied by hand.
export { ModelRegistry__factory } from "../../types/typechain/index.js";
export type { ModelRegistry, IModelRegistry } from "../../types/typechain/index.js";
