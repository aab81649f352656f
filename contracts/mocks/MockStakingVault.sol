// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// A vault that tries to opt out of revenue and works with tokens that have no such function.
// solhint-disable avoid-low-level-calls

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Test double: a staking contract that holds stakers' model tokens and has no use for revenue (it can
/// neither claim it nor pass it on), as `Subnets` holds stake. At creation it asks the token to exclude it, with a
/// low-level call whose failure it ignores (a token without self-exclusion keeps it earning).
contract MockStakingVault {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    /// @notice Whether the token accepted the vault's self-exclusion.
    bool public immutable excludedSelf;
    mapping(address staker => uint256) public staked;

    constructor(IERC20 token_) {
        token = token_;
        (bool ok,) = address(token_).call(abi.encodeWithSignature("setExcludedSelf(bool)", true));
        excludedSelf = ok;
    }

    function stake(uint256 amount) external {
        staked[msg.sender] += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function unstake(uint256 amount) external {
        staked[msg.sender] -= amount;
        token.safeTransfer(msg.sender, amount);
    }
}
