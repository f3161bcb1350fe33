public enum Engine {}
