// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Handler} from "../utils/Handler.sol";

import {IModelRegistry} from "../../contracts/interfaces/IModelRegistry.sol";
import {ModelRegistry} from "../../contracts/registry/ModelRegistry.sol";
import {ModelId} from "../../contracts/types/ModelId.sol";

/// @notice Drives the registry with random but well-formed actions from a few accounts, and keeps its own
/// model of what the registry should hold. Every action is made whether or not the model expects it to
/// succeed; an outcome the model did not expect is counted in {surprises}, which an invariant keeps at zero.
contract RegistryHandler is Handler {
    uint256 private constant ACTORS = 5;
    uint256 private constant SLUGS = 24;
    uint256 private constant TAGS = 12;

    ModelRegistry public immutable registry;

    uint256 public registrations;
    uint256 public publishes;

    mapping(bytes32 slugHash => bool) private _slugTaken;
    mapping(uint256 model => address) public ownerOf;
    mapping(uint256 model => mapping(address account => bool)) public isPublisher;
    mapping(uint256 model => uint256) public versionCount;
    mapping(uint256 model => mapping(bytes32 tagHash => bool)) private _tagTaken;
    mapping(uint256 model => mapping(uint256 index => string)) public tagOf;
    /// @dev 1 + the number of versions published, over all models, before this one.
    mapping(uint256 model => mapping(uint256 index => uint256)) public sequenceOf;
    mapping(uint256 model => mapping(uint256 index => bool)) public deprecated;

    IModelRegistry.VersionRef[] private _published;

    constructor(ModelRegistry registry_) {
        registry = registry_;
    }

    // ------------------------------------------------------------ actions

    function register(uint256 actorSeed, uint256 slugSeed) external {
        address actor = _actor(actorSeed);
        string memory slug = string.concat("model-", vm.toString(slugSeed % SLUGS));
        bool expected = !_slugTaken[keccak256(bytes(slug))];
        bytes memory metadata = abi.encodePacked(uint16(0x1220), keccak256(bytes(slug)));

        vm.prank(actor);
        try registry.register(slug, metadata, "Apache-2.0") returns (ModelId model) {
            if (!expected) {
                _surprise("register accepted a taken slug");
                return;
            }
            if (ModelId.unwrap(model) != registrations + 1) {
                _surprise("register returned a wrong id");
                return;
            }
            ++registrations;
            _slugTaken[keccak256(bytes(slug))] = true;
            ownerOf[registrations] = actor;
        } catch (bytes memory err) {
            if (expected || bytes4(err) != IModelRegistry.RegistrySlugTaken.selector) {
                _surprise("register refused a free slug");
            }
        }
    }

    function publish(uint256 actorSeed, uint256 modelSeed, uint256 tagSeed, uint256 parentSeed) external {
        _publish(actorSeed, modelSeed, tagSeed, parentSeed);
    }

    /// @dev A second entry to publishing, always naming a parent, so that deep lineages form within a run.
    function publishDerived(uint256 actorSeed, uint256 modelSeed, uint256 tagSeed, uint256 parentSeed) external {
        _publish(actorSeed, modelSeed, tagSeed, parentSeed | 1);
    }

    function _publish(uint256 actorSeed, uint256 modelSeed, uint256 tagSeed, uint256 parentSeed) private {
        if (registrations == 0) return;
        uint256 model = 1 + modelSeed % registrations;
        address actor = _versionActor(model, actorSeed);
        string memory tag = string.concat("v", vm.toString(tagSeed % TAGS));

        // A quarter without parent; otherwise mostly a published version of any model, and one time in eight a
        // version that does not exist yet: the next index of the model, i.e. the version being published.
        IModelRegistry.VersionRef memory parent;
        bool parentValid = true;
        if (parentSeed % 4 != 0) {
            if (_published.length > 0 && (parentSeed >> 2) % 8 != 0) {
                parent = _published[(parentSeed >> 8) % _published.length];
            } else {
                parent = IModelRegistry.VersionRef({model: ModelId.wrap(model), index: uint64(versionCount[model])});
                parentValid = false;
            }
        }

        bytes[] memory datasets = new bytes[](parentSeed % 3);
        for (uint256 i; i < datasets.length; ++i) {
            datasets[i] = abi.encodePacked(hex"01551220", keccak256(abi.encode("dataset", i, parentSeed)));
        }
        IModelRegistry.PublishParams memory params = IModelRegistry.PublishParams({
            weightsCid: abi.encodePacked(hex"01701220", keccak256(abi.encode("weights", model, tag))),
            configCid: tagSeed % 2 == 0 ? bytes("") : abi.encodePacked(hex"01551220", keccak256(bytes(tag))),
            tag: tag,
            parent: parent,
            datasetCids: datasets
        });
        bytes32 tagHash = keccak256(bytes(tag));
        bool expected = _mayPublish(model, actor) && !_tagTaken[model][tagHash] && parentValid;

        vm.prank(actor);
        try registry.publish(ModelId.wrap(model), params) returns (uint64 index) {
            if (!expected) {
                _surprise("publish accepted what it should refuse");
                return;
            }
            if (index != versionCount[model]) {
                _surprise("publish returned a wrong index");
                return;
            }
            ++versionCount[model];
            ++publishes;
            _tagTaken[model][tagHash] = true;
            tagOf[model][index] = tag;
            sequenceOf[model][index] = publishes;
            _published.push(IModelRegistry.VersionRef({model: ModelId.wrap(model), index: index}));
        } catch {
            if (expected) {
                _surprise("publish refused what it should accept");
                return;
            }
        }
    }

    function deprecate(uint256 actorSeed, uint256 modelSeed, uint256 indexSeed) external {
        _setDeprecated(actorSeed, modelSeed, indexSeed, true);
    }

    function undeprecate(uint256 actorSeed, uint256 modelSeed, uint256 indexSeed) external {
        _setDeprecated(actorSeed, modelSeed, indexSeed, false);
    }

    function transfer(uint256 modelSeed, uint256 toSeed) external {
        if (registrations == 0) return;
        uint256 model = 1 + modelSeed % registrations;
        address from = ownerOf[model];
        address to = _actor(toSeed);

        vm.prank(from);
        try registry.transferFrom(from, to, model) {
            ownerOf[model] = to;
        } catch {
            _surprise("the owner could not transfer");
        }
    }

    function setPublisher(uint256 modelSeed, uint256 accountSeed, bool allowed) external {
        if (registrations == 0) return;
        uint256 model = 1 + modelSeed % registrations;
        address account = _actor(accountSeed);
        bool expected = isPublisher[model][account] != allowed;

        vm.prank(ownerOf[model]);
        try registry.setPublisher(ModelId.wrap(model), account, allowed) {
            if (!expected) {
                _surprise("setPublisher accepted a change of nothing");
                return;
            }
            isPublisher[model][account] = allowed;
        } catch {
            if (expected) {
                _surprise("setPublisher refused a change");
                return;
            }
        }
    }

    // ------------------------------------------------------------ reading

    function publishedCount() external view returns (uint256) {
        return _published.length;
    }

    function published(uint256 i) external view returns (IModelRegistry.VersionRef memory) {
        return _published[i];
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](7);
        selectors[0] = this.register.selector;
        selectors[1] = this.publish.selector;
        selectors[2] = this.publishDerived.selector;
        selectors[3] = this.deprecate.selector;
        selectors[4] = this.undeprecate.selector;
        selectors[5] = this.transfer.selector;
        selectors[6] = this.setPublisher.selector;
    }

    // ------------------------------------------------------------ internal

    function _actor(uint256 seed) private pure returns (address) {
        return address(uint160(0xA000 + seed % ACTORS));
    }

    /// @dev Three times in four the model's owner, otherwise any account (publisher or not).
    function _versionActor(uint256 model, uint256 seed) private view returns (address) {
        return seed % 4 == 0 ? _actor(seed >> 2) : ownerOf[model];
    }

    /// @dev Deprecates (`deprecating`) or lifts the deprecation of a version the seeds choose, as an actor who may
    /// publish its model or not.
    function _setDeprecated(uint256 actorSeed, uint256 modelSeed, uint256 indexSeed, bool deprecating) private {
        if (registrations == 0) return;
        uint256 model = 1 + modelSeed % registrations;
        address actor = _versionActor(model, actorSeed);
        uint256 index = indexSeed % (versionCount[model] + 1);
        bool expected =
            _mayPublish(model, actor) && index < versionCount[model] && deprecated[model][index] != deprecating;
        bytes memory call = deprecating
            ? abi.encodeCall(registry.deprecate, (ModelId.wrap(model), uint64(index), "superseded"))
            : abi.encodeCall(registry.undeprecate, (ModelId.wrap(model), uint64(index)));
        string memory action = deprecating ? "deprecate" : "undeprecate";

        vm.prank(actor);
        (bool ok,) = address(registry).call(call);
        if (ok && !expected) return _surprise(string.concat(action, " accepted what it should refuse"));
        if (!ok && expected) return _surprise(string.concat(action, " refused what it should accept"));
        if (ok) deprecated[model][index] = deprecating;
    }

    function _mayPublish(uint256 model, address account) private view returns (bool) {
        return account == ownerOf[model] || isPublisher[model][account];
    }
}

/// @notice Invariants of {ModelRegistry} under random sequences of registrations, publishes, deprecations,
/// transfers and publisher changes. Runs and depth come from the project's Solidity test config.
contract ModelRegistryInvariantTest is Test {
    ModelRegistry internal registry;
    RegistryHandler internal handler;

    function setUp() public {
        registry = new ModelRegistry();
        handler = new RegistryHandler(registry);
        targetContract(address(handler));
        targetSelector(address(handler), handler.actions());
    }

    /// @dev Every outcome matched the handler's model of the rules.
    function invariant_everyOutcomeWasExpected() public view {
        assertEq(handler.surprises(), 0, handler.firstSurprise());
    }

    function invariant_modelCountIsTheNumberOfRegistrations() public view {
        assertEq(registry.modelCount(), handler.registrations());
    }

    function invariant_versionCountsAreTheNumberOfPublishes() public view {
        uint256 total;
        for (uint256 m = 1; m <= handler.registrations(); ++m) {
            IModelRegistry.ModelInfo memory info = registry.getModel(ModelId.wrap(m));
            assertEq(info.versionCount, handler.versionCount(m), "versionCount");
            assertEq(info.owner, handler.ownerOf(m), "owner");
            total += info.versionCount;
        }
        assertEq(total, handler.publishes(), "publishes over all models");
    }

    function invariant_everyTagMapsBackToItsVersion() public view {
        for (uint256 m = 1; m <= handler.registrations(); ++m) {
            ModelId model = ModelId.wrap(m);
            for (uint64 i; i < handler.versionCount(m); ++i) {
                string memory tag = handler.tagOf(m, i);
                assertEq(registry.getVersion(model, i).tag, tag, "tag of index");
                IModelRegistry.VersionInfo memory byTag = registry.getVersionByTag(model, tag);
                assertEq(byTag.index, i, "index of tag");
                assertEq(ModelId.unwrap(byTag.model), m, "model of tag");
                assertEq(byTag.deprecated, handler.deprecated(m, i), "deprecated");
            }
        }
    }

    /// @dev A parent was always published before its child, so following parents only goes back in time.
    function invariant_parentsAreOlderThanTheirChildren() public view {
        for (uint256 k; k < handler.publishedCount(); ++k) {
            IModelRegistry.VersionRef memory ref = handler.published(k);
            IModelRegistry.VersionInfo memory v = registry.getVersion(ref.model, ref.index);
            uint256 sequence = handler.sequenceOf(ModelId.unwrap(ref.model), ref.index);
            assertGt(sequence, 0, "published version without a sequence");
            if (!v.hasParent) continue;
            uint256 parentSequence = handler.sequenceOf(ModelId.unwrap(v.parent.model), v.parent.index);
            assertGt(parentSequence, 0, "parent was never published");
            assertLt(parentSequence, sequence, "parent is not older than its child");

            IModelRegistry.VersionRef[] memory chain = registry.lineage(ref.model, ref.index, type(uint256).max);
            assertGt(chain.length, 0, "lineage misses the parent");
            assertEq(ModelId.unwrap(chain[0].model), ModelId.unwrap(v.parent.model), "lineage starts at the parent");
            assertEq(chain[0].index, v.parent.index, "lineage starts at the parent");
            for (uint256 j; j < chain.length; ++j) {
                uint256 ancestor = handler.sequenceOf(ModelId.unwrap(chain[j].model), chain[j].index);
                assertLt(ancestor, sequence, "lineage goes forward in time");
                sequence = ancestor;
            }
        }
    }

    /// @dev latestVersion is the newest live version, and refuses only when there is none.
    function invariant_latestVersionIsTheNewestLiveOne() public view {
        for (uint256 m = 1; m <= handler.registrations(); ++m) {
            uint256 count = handler.versionCount(m);
            uint256 live = count;
            for (uint256 i = count; i > 0; --i) {
                if (!handler.deprecated(m, i - 1)) {
                    live = i - 1;
                    break;
                }
            }
            try registry.latestVersion(ModelId.wrap(m)) returns (IModelRegistry.VersionInfo memory v) {
                assertFalse(v.deprecated, "latestVersion is deprecated");
                assertEq(v.index, live, "latestVersion is not the newest live version");
            } catch (bytes memory err) {
                assertEq(live, count, "latestVersion refused although a version is live");
                assertEq(bytes4(err), IModelRegistry.RegistryNoLiveVersion.selector, "latestVersion error");
            }
        }
    }
}
