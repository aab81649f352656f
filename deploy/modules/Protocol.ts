import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The protocol's contracts. The registry has no administrator and no constructor arguments; later modules
 * (offerings, revenue, governance, subnets) extend this one.
 */
export default buildModule("Protocol", (m) => {
  const registry = m.contract("ModelRegistry");
  return { registry };
});
