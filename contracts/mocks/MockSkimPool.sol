// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Test double: an AMM pair in the manner of Uniswap v2, reduced to its bookkeeping. It records reserves
/// of the tokens it holds, and `skim` hands whatever it holds beyond them to anyone who asks: tokens pushed into
/// it without a swap or a deposit are free for the taking. It can call nothing on the tokens it holds.
contract MockSkimPool {
    using SafeERC20 for IERC20;

    mapping(IERC20 token => uint256) public reserveOf;

    /// @notice Records the pool's balance of `token` as its reserve (as a pair's `sync` does).
    function sync(IERC20 token) external {
        reserveOf[token] = token.balanceOf(address(this));
    }

    /// @notice Sends what the pool holds of `token` beyond its reserve to `to`, whoever asks.
    function skim(IERC20 token, address to) external returns (uint256 amount) {
        amount = token.balanceOf(address(this)) - reserveOf[token];
        token.safeTransfer(to, amount);
    }
}
