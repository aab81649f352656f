import { expect } from "chai";
import { network } from "hardhat";

import { deployProtocol } from "../../deploy/protocol.js";
import type { MockSubnetToken } from "../../types/typechain/index.js";
import { ONE } from "../fixtures/constants.js";
import { deployUniswap, UNISWAP, type Untyped } from "../fixtures/uniswap.js";

describe("Markets in the protocol's deployment", function () {
  it("deploys Uniswap V2 from its published build files where the chain has none, and it trades", async function () {
    const connection = await network.create();
    const { ethers, networkHelpers } = connection;
    const [deployer, trader] = await ethers.getSigners();
    const { contracts } = await deployProtocol(connection, { record: false });
    const router = new ethers.Contract(contracts.UniswapV2Router02!.address, UNISWAP.router.abi, deployer) as Untyped;
    const factory = new ethers.Contract(contracts.UniswapV2Factory!.address, UNISWAP.factory.abi, deployer) as Untyped;
    expect(await router.factory()).to.equal(contracts.UniswapV2Factory!.address);
    expect(await router.WETH()).to.equal(contracts.WETH9!.address);
    // Only the protocol's timelock may switch on Uniswap's own fee.
    expect(await factory.feeToSetter()).to.equal(contracts.ProtocolTimelock!.address);
    expect(await ethers.provider.getCode(contracts.LiquidityLock!.address)).to.not.equal("0x");

    const token = (await ethers.deployContract("MockSubnetToken", ["MDL", 18])) as unknown as MockSubnetToken;
    await token.mint(deployer.address, 1_000n * ONE);
    await token.approve(router.target, ethers.MaxUint256);
    const deadline = (await networkHelpers.time.latest()) + 600;
    await router.addLiquidityETH(token.target, 1_000n * ONE, 0n, 0n, deployer.address, deadline, { value: ONE });
    const path = [contracts.WETH9!.address, token.target];
    const [, out] = (await router.getAmountsOut(ONE / 10n, path)) as bigint[];
    await (router.connect(trader) as Untyped).swapExactETHForTokens(out, path, trader.address, deadline, {
      value: ONE / 10n,
    });
    expect(await token.balanceOf(trader.address)).to.equal(out);
    await connection.close();
  });

  it("takes the chain's Uniswap V2 when the parameters name its router, and refuses an address without code", async function () {
    const connection = await network.create();
    const existing = await deployUniswap(connection);
    const { contracts } = await deployProtocol(connection, {
      record: false,
      parameters: { Uniswap: { router: existing.router.target as string } },
    });
    expect([
      contracts.UniswapV2Router02!.address,
      contracts.UniswapV2Factory!.address,
      contracts.WETH9!.address,
    ]).to.deep.equal([existing.router.target, existing.factory.target, existing.weth.target]);
    await connection.close();

    const other = await network.create();
    const nobody = (await other.ethers.getSigners())[9].address;
    const refused = await deployProtocol(other, { record: false, parameters: { Uniswap: { router: nobody } } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.message).to.contain(`The Uniswap V2 router ${nobody} has no code on this chain.`);
    await other.close();
  });
});
