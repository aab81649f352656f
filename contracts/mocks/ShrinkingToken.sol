// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test double: an ERC-20 whose balances can shrink without their holder moving them, as a token that
/// rebases down or slashes its holders does. Anyone may mint, and anyone may shrink any balance.
contract ShrinkingToken is ERC20 {
    constructor() ERC20("Shrinking Token", "SHRINK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Takes `bps` basis points of `account`'s balance away (rounded down).
    function shrink(address account, uint256 bps) external {
        _burn(account, balanceOf(account) * bps / 10_000);
    }
}
