// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice What a {MockLendingPool} calls on the borrower, who must give the tokens back before returning.
interface IFlashBorrower {
    function onFlashLoan(address initiator, uint256 amount, bytes calldata data) external;
}

/// @notice Test double: a pool that holds one token, lends all of it to anyone for the length of a call (a flash
/// loan, without fee), and pays out only to its owner. A contract that cannot claim revenue itself, as the DAO
/// would exclude it.
contract MockLendingPool {
    using SafeERC20 for IERC20;

    error FlashLoanNotRepaid(uint256 balance, uint256 expected);
    error PoolNotOwner(address account);

    IERC20 public immutable token;
    address public immutable owner;

    constructor(IERC20 token_) {
        token = token_;
        owner = msg.sender;
    }

    /// @notice Lends `amount` to `borrower`, calls it back with `data`, and checks that the tokens came back.
    function flashLoan(IFlashBorrower borrower, uint256 amount, bytes calldata data) external {
        uint256 before = token.balanceOf(address(this));
        token.safeTransfer(address(borrower), amount);
        borrower.onFlashLoan(msg.sender, amount, data);
        uint256 balance = token.balanceOf(address(this));
        if (balance < before) revert FlashLoanNotRepaid(balance, before);
    }

    /// @notice Sends `amount` of the pool's tokens to `to`. Owner only.
    function withdraw(address to, uint256 amount) external {
        if (msg.sender != owner) revert PoolNotOwner(msg.sender);
        token.safeTransfer(to, amount);
    }

    /// @notice Accepts the revenue that anyone claims for it.
    receive() external payable {}
}
