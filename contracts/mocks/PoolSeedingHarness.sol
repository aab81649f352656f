// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IUniswapV2Factory} from "../interfaces/IUniswapV2.sol";
import {PoolSeeding} from "../market/PoolSeeding.sol";

/// @notice Test double: holds tokens and seeds a pool with {PoolSeeding}.
contract PoolSeedingHarness {
    event Seeded(address pair, uint256 liquidity, uint256 tokenUsed, uint256 quoteUsed);

    function seed(
        IUniswapV2Factory factory,
        IERC20 token,
        IERC20 quote,
        uint256 tokenAmount,
        uint256 quoteAmount,
        uint256 priceNum,
        uint256 priceDen,
        address to
    ) external returns (PoolSeeding.Seeded memory s) {
        s = PoolSeeding.seed(factory, token, quote, tokenAmount, quoteAmount, priceNum, priceDen, to);
        emit Seeded(s.pair, s.liquidity, s.tokenUsed, s.quoteUsed);
    }
}
