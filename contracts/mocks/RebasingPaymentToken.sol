// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// ERC-20's metadata getters, as constants.
// solhint-disable const-name-snakecase

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Test double: a 6-decimal payment token whose balances are shares of a pool, as a liquid-staking or an
/// elastic-supply token keeps them. {rebase} changes what every share is worth, so every holder's balance moves
/// at once without a transfer; a negative rebase (a slashing) is how a sale ends up holding less than it owes.
/// Transfers move whole shares: the sender gives up the shares worth at least the amount (rounded up) and the
/// receiver gets those shares, so one unit more than asked may move, as with real rebasing tokens. Anyone may mint
/// and rebase.
contract RebasingPaymentToken is IERC20 {
    uint256 private constant ONE = 1e18;

    string public constant name = "Rebasing USD";
    string public constant symbol = "rUSD";
    uint8 public constant decimals = 6;

    /// @notice Token units one share is worth, times 1e18.
    uint256 public unitsPerShare = ONE;
    uint256 public totalShares;
    mapping(address account => uint256) public sharesOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    error RebasingInsufficientBalance(address account, uint256 balance, uint256 needed);
    error RebasingInsufficientAllowance(address spender, uint256 allowance, uint256 needed);

    /// @notice Mints `amount` units to `to` (the shares worth at least that, so `to` can then send `amount`).
    function mint(address to, uint256 amount) external {
        uint256 shares = Math.mulDiv(amount, ONE, unitsPerShare, Math.Rounding.Ceil);
        sharesOf[to] += shares;
        totalShares += shares;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Multiplies every balance by `numerator / denominator` (below one: every holder loses that share).
    function rebase(uint256 numerator, uint256 denominator) external {
        unitsPerShare = Math.mulDiv(unitsPerShare, numerator, denominator);
    }

    function totalSupply() external view returns (uint256) {
        return Math.mulDiv(totalShares, unitsPerShare, ONE);
    }

    function balanceOf(address account) public view returns (uint256) {
        return Math.mulDiv(sharesOf[account], unitsPerShare, ONE);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert RebasingInsufficientAllowance(msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf(from);
        if (balance < amount) revert RebasingInsufficientBalance(from, balance, amount);
        // Rounded up, so the sender never pays less than it sends; a balance of at least `amount` always covers it.
        uint256 shares = Math.mulDiv(amount, ONE, unitsPerShare, Math.Rounding.Ceil);
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }
}
