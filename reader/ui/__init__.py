"""The Qt shell of the reader: window, web view, bridge, panels, export job."""
