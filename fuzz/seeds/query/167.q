neighbors of JNIM as of 2023-02
