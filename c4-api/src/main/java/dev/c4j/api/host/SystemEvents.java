package dev.c4j.api.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system event names and ids of the global {@code C4SystemEvents} (§3.4): the full list of the vendor's driver
 * library ({@code OnPIP} 6, {@code OnNetworkBindingAdded} 17, {@code OnDeviceOnline} 48, ...).
 * {@code RegisterSystemEvent} accepts any id, and the injection API any of these names or an id.
 */
public final class SystemEvents {

    /** The names in id order, from 1: the vendor driver library's list, all 124 of them. */
    private static final String NAMES = """
            OnAll OnAlive OnProjectChanged OnProjectNew OnProjectLoaded OnPIP OnItemAdded OnItemNameChanged
            OnItemDataChanged OnDeviceDataChanged OnItemRemoved OnItemMoved OnDriverAdded OnDeviceIdentified
            OnBindingAdded OnBindingRemoved OnNetworkBindingAdded OnNetworkBindingRemoved OnNetworkBindingRegistered
            OnNetworkBindingUnregistered OnCodeItemAdded OnCodeItemRemoved OnCodeItemMoved OnMediaInfoAdded
            OnMediaInfoModified OnMediaRemovedFromDevice OnMediaDataRemoved OnSongAddedToPlaylist
            OnSongRemovedFromPlaylist OnPhysicalDeviceAdded OnPhysicalDeviceRemoved OnDataToUI OnAccessModeChanged
            OnVariableAdded OnUserVariableAdded OnVariableRemoved OnVariableRenamed OnVariableChanged
            OnVariableBindingAdded OnVariableBindingRemoved OnVariableBindingRenamed OnVariableAddedToBinding
            OnVariableRemovedFromBinding OnMediaDeviceAdded OnMediaDeviceRemoved OnProjectLocked OnProjectLeaveLock
            OnDeviceOnline OnDeviceOffline OnSearchTypeFound OnNetworkBindingStatusChanged OnZipcodeChanged
            OnLatitudeChanged OnLongitudeChanged OnDeviceAlreadyIdentified OnControllerDisabled
            OnDeviceFirmwareChanged OnLocaleChanged OnZigbeeNodesChanged OnZigbeeZapsChanged OnZigbeeMeshChanged
            OnZigbeeZserverChanged OnSysmanResponse OnTimezoneChanged OnMediaSessionAdded OnMediaSessionRemoved
            OnMediaSessionChanged OnMediaDeviceChanged OnProjectEnterLock OnDeviceIdentifiedNoLicense
            OnZigBeeStickPresent OnZigBeeStickRemoved OnZigbeeNodeUpdateStatus OnZigbeeNodeUpdateSucceeded
            OnZigbeeNodeUpdateFailed OnZigbeeNodeOnline OnZigbeeNodeOffline OnSDDPDeviceStatus OnSDDPDeviceDiscover
            OnAccountInfoUpdated OnAccountInfoUpdating OnBindingEntryAdded OnBindingEntryRemoved OnProjectClear
            OnSystemShutDown OnSystemUpdateStarted OnDevicePreIdentify OnDeviceIdentifying OnDeviceCancelIdentify
            OnDirectorIPAddressChanged OnDeviceDiscovered OnDeviceUserInitiatedRemove OnDriverDisabled
            OnDiscoveredDeviceAdded OnDiscoveredDeviceRemoved OnDiscoveredDeviceChanged OnDeviceIPAddressChanged
            OnCIDRRulesChanged OnBindingEntryRenamed OnCodeItemEnabled OnCodeItemCommandUpdated
            OnSystemUpdateFinished OnTimeChanged OnMediaSessionDiscreteMuteChanged OnMediaSessionMuteStateChanged
            OnMediaSessionDiscreteVolumeChanged OnMediaSessionVolumeLevelChanged OnMediaSessionMediaInfoChanged
            OnMediaSessionVolumeSliderStateChanged OnScheduledEvent OnMediaSessionSliderTargetVolumeReached
            OnCodeItemAddedToExpression OnProjectPropertyChanged OnEventAdded OnEventModified OnEventRemoved
            OnZigbeeNetworkHealth OnZigbeeDuplicateMesh OnConnectionAuthorized OnAuthorizedConnectionDisconnected
            OnNetworkBindingAddressChanged OnProjectLoading OnProjectRestored OnZigbeeNetworkBusy
            """;

    private static final Map<String, Integer> IDS;

    static {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String name : NAMES.trim().split("\\s+")) {
            ids.put(name, ids.size() + 1);
        }
        IDS = Collections.unmodifiableMap(ids);
    }

    private SystemEvents() {
    }

    /** Name → id, for the {@code C4SystemEvents} global. */
    public static Map<String, Integer> all() {
        return IDS;
    }

    /** The name of an id, or null when the list has none. */
    public static String name(int id) {
        for (Map.Entry<String, Integer> entry : IDS.entrySet()) {
            if (entry.getValue() == id) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The id of a name, or of a number given as text; null when unknown. */
    public static Integer id(String nameOrId) {
        Integer id = IDS.get(nameOrId);
        if (id != null) {
            return id;
        }
        try {
            return Integer.parseInt(nameOrId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
