const {App,Chart}=require('cdk8s'); const {declareCdk8sMesh,meshOf}=require(process.argv[2]+'/.js/bench/mesh.js'); require(process.argv[2]+'/.js/lib/cdk8s'); meshOf(+process.argv[3]);
