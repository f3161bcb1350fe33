// Placeholder replaced by the figure library.
public enum FigureLibrary {}
