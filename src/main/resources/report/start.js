setUp();
renderAll();
