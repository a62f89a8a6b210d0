regions haseen --family spotify-daily --on 2025-12-02
