// The only door from the SDK to the TypeChain bindings that `hardhat build` generates from the contracts:
// types flow contracts -> TypeChain -> SDK, and no ABI is copied by hand.
export {
  IPaymentToken__factory,
  ModelGovernor__factory,
  ModelLaunchFactory__factory,
  ModelOffering__factory,
  ModelRegistry__factory,
  ModelTimelock__factory,
  ModelToken__factory,
  ModelVestingWallet__factory,
  ProtocolGovernor__factory,
  ProtocolToken__factory,
  Subnets__factory,
  YumaEpoch__factory,
} from "../../types/typechain/index.js";
export type {
  IPaymentToken,
  IModelLaunchFactory,
  IModelOffering,
  IModelRegistry,
  ModelGovernor,
  ModelLaunchFactory,
  ModelOffering,
  ModelRegistry,
  ModelTimelock,
  ModelToken,
  ModelVestingWallet,
  ProtocolGovernor,
  ProtocolToken,
  Subnets,
  YumaEpoch,
} from "../../types/typechain/index.js";
