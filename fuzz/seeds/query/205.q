who governs Mali
