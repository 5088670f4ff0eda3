package dev.directupload.archfixture.settings;

import dev.directupload.archfixture.adapter.oss.OssThing;

/** Violation: the settings checker reaches into an adapter. */
public class SettingsUsingAdapter {
    OssThing thing = new OssThing();
}
