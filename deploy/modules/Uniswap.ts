import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { UNISWAP } from "../uniswap.js";

/**
 * Uniswap V2 for chains that have none (development chains, new networks): WETH9, the V2 factory and Router02, from
 * the build files `@uniswap/v2-core` and `@uniswap/v2-periphery` publish, deployed unchanged. The published router
 * finds pairs by the init-code hash of the published pair, so it works with this factory on any chain. On chains that
 * have Uniswap V2, `deployProtocol` takes its router's address instead (`{ "Uniswap": { "router": "0x..." } }`).
 *
 * Parameters (under `Uniswap`): `feeToSetter`, who may switch on the V2 protocol fee (the protocol's timelock, so
 * that no key can).
 */
export default buildModule("Uniswap", (m) => {
  const weth = m.contract("WETH9", UNISWAP.weth);
  const factory = m.contract("UniswapV2Factory", UNISWAP.factory, [m.getParameter<string>("feeToSetter")]);
  const router = m.contract("UniswapV2Router02", UNISWAP.router, [factory, weth]);
  return { weth, factory, router };
});
