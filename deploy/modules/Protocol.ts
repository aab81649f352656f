import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The protocol's contracts: the registry, the implementations every launch clones, and the launch factory.
 * Nothing here has an administrator. Parameters (per network, in an Ignition parameters file):
 * - `Protocol.feeBps`: the protocol fee on sale proceeds, in basis points (default 0, at most 1000);
 * - `Protocol.feeRecipient`: who receives it (default: the deploying account).
 */
export default buildModule("Protocol", (m) => {
  const registry = m.contract("ModelRegistry");
  const tokenImplementation = m.contract("ModelToken");
  const offeringImplementation = m.contract("ModelOffering");
  const vestingImplementation = m.contract("ModelVestingWallet");
  const governorImplementation = m.contract("ModelGovernor");
  const timelockImplementation = m.contract("ModelTimelock");
  const factory = m.contract("ModelLaunchFactory", [
    registry,
    tokenImplementation,
    offeringImplementation,
    vestingImplementation,
    governorImplementation,
    timelockImplementation,
    m.getParameter("feeRecipient", m.getAccount(0)),
    m.getParameter("feeBps", 0),
  ]);
  return { registry, factory };
});
