// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from
    "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {ERC20VotesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";

/// @notice Gas baseline deployed the way model tokens are: a plain OpenZeppelin ERC-20 with permit and votes on
/// a timestamp clock, without revenue sharing, behind an ERC-1167 clone. Comparing the model token with it
/// isolates what revenue sharing costs from what the clone's delegate call costs every token of a launch.
contract PlainVotesTokenUpgradeable is ERC20Upgradeable, ERC20PermitUpgradeable, ERC20VotesUpgradeable {
    constructor() {
        _disableInitializers();
    }

    /// @notice Mints `amounts[i]` to `holders[i]`; callable once, on a clone.
    function initialize(address[] calldata holders, uint256[] calldata amounts) external initializer {
        __ERC20_init("Plain Votes", "PLAIN");
        __ERC20Permit_init("Plain Votes");
        __ERC20Votes_init();
        for (uint256 i; i < holders.length; ++i) {
            _mint(holders[i], amounts[i]);
        }
    }

    /// @notice Votes are counted by timestamp (ERC-6372), like the model token's.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The ERC-6372 description of {clock}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function nonces(address owner)
        public
        view
        override(ERC20PermitUpgradeable, NoncesUpgradeable)
        returns (uint256)
    {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value)
        internal
        override(ERC20Upgradeable, ERC20VotesUpgradeable)
    {
        super._update(from, to, value);
    }
}
