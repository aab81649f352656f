// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title ProtocolToken
/// @notice The protocol DAO's voting token: an ERC-20 with EIP-2612 permit and ERC-5805 votes on a timestamp
/// clock, like the model tokens. Its whole supply is minted once, in the constructor, to the distribution given
/// at deployment; it has no owner, no mint, no pause.
contract ProtocolToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice Thrown when the distribution has `accounts` accounts but `amounts` amounts.
    error ProtocolTokenDistributionMismatch(uint256 accounts, uint256 amounts);

    /// @notice Thrown when the distribution mints nothing.
    error ProtocolTokenEmptyDistribution();

    /// @notice Mints the whole supply: `amounts[i]` to `accounts[i]`.
    /// @param name_ The token's name, also its EIP-712 domain name.
    /// @param symbol_ The token's symbol.
    /// @param accounts Who receives the supply.
    /// @param amounts How much each receives, in token units (18 decimals).
    constructor(string memory name_, string memory symbol_, address[] memory accounts, uint256[] memory amounts)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        uint256 count = accounts.length;
        if (count != amounts.length) revert ProtocolTokenDistributionMismatch(count, amounts.length);
        for (uint256 i; i < count; ++i) {
            _mint(accounts[i], amounts[i]);
        }
        if (totalSupply() == 0) revert ProtocolTokenEmptyDistribution();
    }

    /// @notice Votes are counted by timestamp (ERC-6372), so governance periods are in seconds on every chain.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The ERC-6372 description of {clock}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
